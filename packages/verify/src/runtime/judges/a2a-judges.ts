import {
  AgentCard,
  contractErrorMap,
  formatZodError,
  JsonRpcErrorResponse,
  MessageSendResult,
} from "@molecule-ctk/contract";
import { fail, pass, skip, type Verdict } from "../checks/check-recorder.js";

/** An HTTP answer as a check sees it. */
export interface HttpAnswer {
  status: number;
  text: string;
}

/** The verdicts a `message/send` answer gives, one per check. */
export interface MessageSendVerdicts {
  messageSend: Verdict;
  roleAgent: Verdict;
  partsKind: Verdict;
  idPreserved: Verdict;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const short = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);

/**
 * Judges the answer to the `message/send` the kit sent through the platform's proxy with JSON-RPC
 * id `sentId`: a JSON-RPC success whose result is an A2A v0.3 Message or Task, as role agent, with
 * every part keyed `kind`, under the caller's id.
 */
export function judgeMessageSend(answer: HttpAnswer, sentId: string): MessageSendVerdicts {
  const body = parseJson(answer.text) as { id?: unknown; result?: unknown; error?: unknown } | undefined;
  const cannot = (why: string) => skip(`not checked: ${why} (see a2a.message-send)`);
  if (answer.status !== 200 || body === undefined || typeof body !== "object" || body === null) {
    const why = `the proxy answered ${answer.status} ${short(answer.text)}`;
    return {
      messageSend: fail(`${why}: answer POST / with a JSON-RPC 2.0 response (200, application/json)`),
      roleAgent: cannot("no result"),
      partsKind: cannot("no result"),
      idPreserved: cannot("no JSON-RPC response"),
    };
  }
  const idPreserved =
    body.id === sentId
      ? pass(`the answer carries the request's id ${JSON.stringify(sentId)}`)
      : fail(
          `the answer's id is ${JSON.stringify(body.id)}, the request's was ${JSON.stringify(sentId)}: echo the request's id (JSON-RPC 2.0)`,
        );
  if (body.result === undefined) {
    const error = JsonRpcErrorResponse.safeParse(body).success
      ? ` error ${JSON.stringify(body.error)}`
      : "out a result";
    return {
      messageSend: fail(`message/send was answered with${error}: answer it with a Message or a Task`),
      roleAgent: cannot("no result"),
      partsKind: cannot("no result"),
      idPreserved,
    };
  }
  const parsed = MessageSendResult.safeParse(body.result, { error: contractErrorMap });
  const messageSend = parsed.success
    ? pass(
        `answered with an A2A ${parsed.data.kind === "task" ? `Task (${parsed.data.status.state})` : "Message"}`,
      )
    : fail(
        `the result is not an A2A v0.3 Message or Task: ${formatZodError(parsed.error)}; answer {kind:"message", role:"agent", parts, messageId} or a Task`,
      );
  return {
    messageSend,
    roleAgent: judgeRole(body.result),
    partsKind: judgeParts(body.result),
    idPreserved,
  };
}

type Json = Record<string, unknown>;

/** The messages of a result: the Message itself, or a Task's status message and history. */
function messagesOf(result: Json): Json[] {
  if (result.kind !== "task") return [result];
  const status = result.status as Json | undefined;
  const history = Array.isArray(result.history) ? (result.history as Json[]) : [];
  return [...(status?.message ? [status.message as Json] : []), ...history.filter((m) => m.role !== "user")];
}

function judgeRole(result: unknown): Verdict {
  if (typeof result !== "object" || result === null)
    return fail(`the result is ${JSON.stringify(result)}, not a message with role agent`);
  const messages = messagesOf(result as Json);
  if (messages.length === 0) return pass("a Task without an agent message yet: no role to check");
  const wrong = messages.find((message) => message.role !== "agent");
  return wrong
    ? fail(
        `the answer's message has role ${JSON.stringify(wrong.role)}: answer as role "agent" (the lifecycle harness asserts it)`,
      )
    : pass('role "agent"');
}

function judgeParts(result: unknown): Verdict {
  if (typeof result !== "object" || result === null)
    return fail(`the result is ${JSON.stringify(result)}: it has no parts`);
  const r = result as Json;
  const artifacts = Array.isArray(r.artifacts) ? (r.artifacts as Json[]) : [];
  const parts = [...messagesOf(r), ...artifacts].flatMap((holder) =>
    Array.isArray(holder.parts) ? (holder.parts as unknown[]) : [],
  );
  if (parts.length === 0 && r.kind !== "task")
    return fail('the answer has no parts: send at least one {kind:"text", text}');
  for (const part of parts) {
    const p = (typeof part === "object" && part !== null ? part : {}) as Json;
    if (p.kind === undefined && p.type !== undefined) {
      return fail(`a part is keyed type ${JSON.stringify(p.type)} (A2A v0.2): key parts by kind (#2345)`);
    }
    if (!["text", "file", "data"].includes(String(p.kind))) {
      return fail(`a part has kind ${JSON.stringify(p.kind)}: A2A v0.3 parts are kind text, file or data`);
    }
  }
  return pass(`${parts.length} part(s), each keyed by kind`);
}

/** The card at `/.well-known/agent-card.json` is an A2A v0.3 AgentCard. */
export function judgeAgentCard(answer: HttpAnswer | undefined, problem?: string): Verdict {
  const fix =
    "serve an A2A v0.3 card (protocolVersion, name, description, url, version, capabilities, defaultInputModes, defaultOutputModes, skills) at GET /.well-known/agent-card.json";
  if (answer === undefined) return fail(`GET /.well-known/agent-card.json failed (${problem}): ${fix}`);
  if (answer.status !== 200)
    return fail(`GET /.well-known/agent-card.json answered ${answer.status}: ${fix}`);
  const parsed = AgentCard.safeParse(parseJson(answer.text), { error: contractErrorMap });
  if (!parsed.success)
    return fail(`the card is not an A2A v0.3 card (${formatZodError(parsed.error)}): ${fix}`);
  return pass(
    `a v0.3 card, protocolVersion ${parsed.data.protocolVersion}, ${parsed.data.skills.length} skill(s)`,
  );
}

/** A JSON-RPC probe is answered with error `code` and, when given, id `id`. */
export function judgeJsonRpcError(
  probe: string,
  answer: HttpAnswer | undefined,
  code: number,
  id: string | null | undefined,
  fix: string,
  problem?: string,
): Verdict {
  if (answer === undefined) return fail(`${probe}: no HTTP answer (${problem}): ${fix}`);
  const body = parseJson(answer.text);
  const parsed = JsonRpcErrorResponse.safeParse(body);
  if (!parsed.success) return fail(`${probe} was answered ${answer.status} ${short(answer.text)}: ${fix}`);
  if (parsed.data.error.code !== code) {
    return fail(`${probe} was answered with error ${parsed.data.error.code}, not ${code}: ${fix}`);
  }
  if (id !== undefined && parsed.data.id !== id) {
    return fail(
      `${probe} was answered with id ${JSON.stringify(parsed.data.id)}, not ${JSON.stringify(id)}: ${fix}`,
    );
  }
  return pass(`${probe}: error ${code}`);
}
