import { describe, expect, it } from "vitest";
import { judgeBodies } from "./body-judges.js";
import { observed, WORKSPACE } from "./judges-test-utils.js";

const register = (json: unknown) => observed({ json });

// Register bodies shaped as upstream's SSOT describes them (our own instances, not upstream's).
const SSOT_VALID = [
  { id: WORKSPACE, url: "http://localhost:1", agent_card: { name: "n" }, delivery_mode: "push" },
  {
    id: WORKSPACE,
    agent_card: { name: "Concierge", url: "https://a.example/a2a", description: "d" },
    delivery_mode: "poll",
  },
  {
    id: WORKSPACE,
    url: "",
    agent_card: { name: "n", skills: [] },
    kind: "platform",
    mcp_server_present: true,
  },
];

describe("judgeBodies", () => {
  it("accepts, under both rules, every register body upstream's SSOT accepts", () => {
    for (const body of SSOT_VALID) {
      expect(judgeBodies("register", "ssot", [register(body)]).status, JSON.stringify(body)).toBe("pass");
      expect(judgeBodies("register", "contract", [register(body)]).status, JSON.stringify(body)).toBe("pass");
    }
  });

  it("holds only the SSOT rule to a named card and no unknown fields, as the platform binds both", () => {
    const nameless = { id: WORKSPACE, url: "http://localhost:1", agent_card: { skills: [] } };
    const extra = { ...SSOT_VALID[0], capabilities: {} };
    for (const body of [nameless, extra]) {
      expect(judgeBodies("register", "contract", [register(body)]).status).toBe("pass");
      expect(judgeBodies("register", "ssot", [register(body)]).status).toBe("fail");
    }
    expect(judgeBodies("register", "ssot", [register(nameless)]).detail).toMatch(/agent_card\.name/);
  });

  it("fails a body the platform's binder refuses, naming the field and the fix", () => {
    const verdict = judgeBodies("register", "contract", [
      register({ id: WORKSPACE, url: "http://localhost:1" }),
    ]);
    expect(verdict.status).toBe("fail");
    expect(verdict.detail).toMatch(/agent_card: is required; send \{id, url, agent_card/);
    const beat = judgeBodies("heartbeat", "contract", [
      observed({ json: { workspace_id: WORKSPACE, uptime_seconds: 1.5 } }),
    ]);
    expect(beat).toMatchObject({ status: "fail", detail: expect.stringMatching(/uptime_seconds/) });
  });

  it("holds heartbeats to HeartbeatPayload's fields under the SSOT rule, the pinned SDK's two included", () => {
    const beat = {
      workspace_id: WORKSPACE,
      error_rate: 0,
      active_tasks: 0,
      observed_generation: 3,
      schema_version: "1",
    };
    expect(judgeBodies("heartbeat", "ssot", [observed({ json: beat })]).status).toBe("pass");
    expect(judgeBodies("heartbeat", "ssot", [observed({ json: { ...beat, state: "ok" } })]).status).toBe(
      "fail",
    );
    expect(judgeBodies("heartbeat", "contract", [observed({ json: { ...beat, state: "ok" } })]).status).toBe(
      "pass",
    );
  });

  it("skips when nothing arrived, or when a body was cut, and fails one that is not JSON", () => {
    expect(judgeBodies("register", "contract", []).status).toBe("skip");
    expect(judgeBodies("register", "contract", [observed({ body: "{", bodyTruncated: true })]).status).toBe(
      "skip",
    );
    expect(judgeBodies("register", "contract", [observed({ body: "hello" })]).detail).toMatch(/is not JSON/);
  });
});
