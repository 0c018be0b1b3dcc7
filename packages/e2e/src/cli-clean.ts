// The process a lifecycle run starts, detached, to clean up after itself when it is interrupted
// (`node cli-clean.js --run <id> --settle-ms 2000`); `molecule-ctk clean` runs the same command.
import { runCleanCommand } from "./clean-command.js";

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };
process.exitCode = await runCleanCommand(process.argv.slice(2), { io });
