// The session reaper's process (started by startSessionReaper): it waits for the process that
// started it to end, then removes what that process's session left behind, by label only.
import Dockerode from "dockerode";
import { SESSION_LABEL } from "./session.js";

const [ownerPid = "", session = ""] = process.argv.slice(2);
const owner = Number(ownerPid);
if (!Number.isInteger(owner) || owner <= 0 || !/^[0-9a-f]{12}$/.test(session)) process.exit(2);

const alive = () => {
  try {
    process.kill(owner, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};
while (alive()) await new Promise((resolve) => setTimeout(resolve, 1_000));

const docker = new Dockerode();
const filters = { label: [`${SESSION_LABEL}=${session}`] };
const ignoreGone = (error: { statusCode?: number }) => {
  if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
};
for (const container of await docker.listContainers({ all: true, filters })) {
  await docker.getContainer(container.Id).remove({ force: true, v: true }).catch(ignoreGone);
}
for (const image of await docker.listImages({ filters })) {
  await docker.getImage(image.Id).remove().catch(ignoreGone);
}
