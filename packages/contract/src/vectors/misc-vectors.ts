import { WORKSPACE_ID } from "./reference-bodies.js";
import { type VectorSet, vectors } from "./vector.js";

/** Examples of the runtime environment, the error envelope and the schedules answer. */
export const MISC_VECTORS = {
  "runtime-env": {
    pass: vectors(
      [
        "what the provisioner injects",
        { WORKSPACE_ID, PLATFORM_URL: "http://172.18.0.1:8080", WORKSPACE_CONFIG_PATH: "/configs" },
      ],
      ["MOLECULE_URL only", { WORKSPACE_ID, MOLECULE_URL: "http://localhost:8080" }],
    ),
    fail: vectors(
      ["no WORKSPACE_ID", { PLATFORM_URL: "http://localhost:8080" }],
      [
        "a relative config path",
        { WORKSPACE_ID, PLATFORM_URL: "http://x", WORKSPACE_CONFIG_PATH: "configs" },
      ],
    ),
  },
  "error-envelope": {
    pass: vectors(
      ["a plain error", { error: "workspace not found" }],
      ["with extra fields", { error: "queue item not found", retryable: true }],
    ),
    fail: vectors(["no error", { message: "x" }], ["a non-string error", { error: 42 }]),
  },
  "schedules-response": {
    pass: vectors(
      [
        "one schedule",
        {
          schedules: [
            {
              name: "daily",
              cron: "0 9 * * *",
              timezone: "UTC",
              prompt: "hi",
              enabled: true,
              source: "config.yaml",
            },
          ],
        },
      ],
      ["none", { schedules: [] }],
    ),
    fail: vectors([
      "a nameless schedule",
      { schedules: [{ name: "", cron: "x", timezone: "UTC", prompt: "", enabled: true, source: "s" }] },
    ]),
  },
} satisfies Record<string, VectorSet>;
