import { randomUUID } from "node:crypto";
import { harnessMessage } from "@molecule-ctk/contract";
import { Findings, type PlatformCheck, sameJson, seen } from "../platform-check.js";
import { dispatchRuntime, forward, isObject, type Json, messageOf } from "./a2a-forwarding.js";

const wrapsBarePayload: PlatformCheck = {
  id: "a2a.wraps-bare-payload",
  level: "MUST",
  section: "contract 7.3",
  rule: 'A body without a top-level jsonrpc key reaches the agent wrapped as {jsonrpc:"2.0", id:<fresh id>, method, params}; a bare body\'s own id is not kept.',
  fix: "re-wrap a body with no jsonrpc key as {jsonrpc, id: new UUID, method: body.method, params: body.params} before forwarding",
  async run(ctx) {
    const runtime = await dispatchRuntime(ctx);
    if ("status" in runtime) return runtime;
    const f = new Findings();
    const ids: unknown[] = [];
    for (const [what, body] of [
      ["the harness's bare body", harnessMessage("ping")],
      ["a second bare body", harnessMessage("ping")],
      ["a bare body with an id of its own", { id: "caller-bare-id", ...(harnessMessage("ping") as Json) }],
    ] as const) {
      const { answer, forwarded } = await forward(ctx, f, runtime, body, what);
      f.status(what, answer, 200);
      if (!forwarded) continue;
      const envelope = isObject(forwarded.json) ? forwarded.json : {};
      f.expect(
        envelope.jsonrpc === "2.0" && envelope.method === "message/send" && messageOf(envelope) !== undefined,
        `${what} reached the agent as ${forwarded.text.slice(0, 140)}, not wrapped as {jsonrpc:"2.0", id, method, params}`,
      );
      f.expect(
        typeof envelope.id === "string" && envelope.id !== "",
        `${what} reached the agent with id ${JSON.stringify(envelope.id)}, expected a fresh string id`,
      );
      ids.push(envelope.id);
    }
    f.expect(
      ids[0] !== ids[1],
      `two bare bodies reached the agent with the same id ${JSON.stringify(ids[0])}`,
    );
    f.expect(
      ids[2] !== "caller-bare-id",
      "a bare body's own id reached the agent: only a full envelope keeps its id",
    );
    return f.outcome(this, "three bare bodies reached the agent wrapped, each with a fresh id");
  },
};

const normalisesMessage: PlatformCheck = {
  id: "a2a.normalises-message",
  level: "MUST",
  section: "contract 7.3",
  rule: "The forwarded message has a messageId (the caller's when given), role user when missing, parts keyed by kind (a v0.2 type renamed), and a v0.2 content string as one text part.",
  fix: "in normalizeA2APayload fill a missing messageId and role, rename a part's type to kind, and turn a content string into parts",
  async run(ctx) {
    const runtime = await dispatchRuntime(ctx);
    if ("status" in runtime) return runtime;
    const f = new Findings();
    const send = async (what: string, message: Json) => {
      const { answer, forwarded } = await forward(
        ctx,
        f,
        runtime,
        { method: "message/send", params: { message } },
        what,
      );
      f.status(what, answer, 200);
      return messageOf(forwarded?.json) ?? {};
    };
    const typed = await send("the harness's message", {
      role: "user",
      parts: [{ type: "text", text: "ping" }],
    });
    f.expect(
      typeof typed.messageId === "string" && typed.messageId !== "",
      `a message without messageId was forwarded with ${JSON.stringify(typed.messageId)}`,
    );
    f.expect(
      sameJson(typed.parts, [{ kind: "text", text: "ping" }]),
      `a part {type:"text"} was forwarded as ${JSON.stringify(typed.parts)}, expected {kind:"text", text}`,
    );
    const roleless = await send("a message without role", {
      messageId: "caller-message-id",
      parts: [{ kind: "text", text: "x" }],
    });
    f.expect(
      roleless.role === "user",
      `a message without role was forwarded with role ${JSON.stringify(roleless.role)}`,
    );
    f.expect(
      roleless.messageId === "caller-message-id",
      `the caller's messageId became ${JSON.stringify(roleless.messageId)}`,
    );
    const content = await send("a v0.2 content message", { role: "user", content: "hello" });
    f.expect(
      sameJson(content.parts, [{ kind: "text", text: "hello" }]) && !("content" in content),
      `a v0.2 content string was forwarded as ${JSON.stringify({ parts: content.parts, content: content.content })}`,
    );
    return f.outcome(
      this,
      "messageId filled (the caller's kept), role defaulted, type renamed to kind, content turned into a part",
    );
  },
};

const keepsEnvelopeId: PlatformCheck = {
  id: "a2a.keeps-envelope-id",
  level: "MUST",
  section: "contract 7.3, 12.4",
  rule: "A caller's full JSON-RPC envelope reaches the agent with its own id, and the reply carries it back.",
  fix: "forward a body that has a top-level jsonrpc key as it is, id included",
  async run(ctx) {
    const runtime = await dispatchRuntime(ctx);
    if ("status" in runtime) return runtime;
    const f = new Findings();
    const id = `custom-id-123-${randomUUID().slice(0, 8)}`;
    const envelope = { jsonrpc: "2.0", id, ...(harnessMessage("ping") as Json) };
    const { answer, forwarded } = await forward(ctx, f, runtime, envelope, "a full envelope");
    f.expect(
      (forwarded?.json as Json | undefined)?.id === id,
      `the envelope reached the agent with id ${JSON.stringify((forwarded?.json as Json | undefined)?.id)}, not ${id}`,
    );
    f.expect(
      answer.status === 200 && (answer.body as Json | undefined)?.id === id,
      `the reply came back as ${seen(answer)}, without the id ${id}`,
    );
    return f.outcome(this, `id ${id} reached the agent and came back`);
  },
};

const passesReplyVerbatim: PlatformCheck = {
  id: "a2a.passes-reply-verbatim",
  level: "MUST",
  section: "contract 7.6",
  rule: "The agent's 2xx answer comes back byte for byte with its status, a JSON-RPC error in a 200 included (the platform never answers -32601 itself).",
  fix: "copy the agent's status and body to the caller unchanged, with Content-Type application/json",
  async run(ctx) {
    const runtime = await dispatchRuntime(ctx);
    if ("status" in runtime) return runtime;
    const f = new Findings();
    for (const [what, body] of [
      ["a message/send", harnessMessage("ping")],
      ["an unknown method", { method: "nonexistent/method", params: {} }],
    ] as const) {
      const { answer, forwarded } = await forward(ctx, f, runtime, body, what);
      if (!forwarded) continue;
      f.expect(
        answer.status === 200 && answer.text === forwarded.replyText,
        `${what}: the agent answered 200 ${JSON.stringify(forwarded.replyText.slice(0, 60))}… and the caller got ${answer.status} ${JSON.stringify(answer.text.slice(0, 60))}…`,
      );
      f.expect(
        (answer.headers.get("content-type") ?? "").startsWith("application/json"),
        `${what}: Content-Type ${answer.headers.get("content-type")}`,
      );
    }
    return f.outcome(this, "a result and a -32601 error came back byte for byte");
  },
};

/** What the proxy forwards and passes back (contract 7.3, 7.6); they need a listener the platform can reach. */
export const A2A_ENVELOPE_CHECKS: ReadonlyArray<PlatformCheck> = [
  wrapsBarePayload,
  normalisesMessage,
  keepsEnvelopeId,
  passesReplyVerbatim,
];
