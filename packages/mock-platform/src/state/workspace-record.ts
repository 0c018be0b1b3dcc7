import type {
  DeliveryMode,
  JsonObject,
  RuntimeMetadata,
  WorkspaceKind,
  WorkspaceRow,
  WorkspaceStatus,
} from "@molecule-ctk/contract";

/** What the mock platform stores per workspace: the `workspaces` row plus the bits Redis would hold. */
export interface WorkspaceRecord {
  id: string;
  name: string;
  role: string | null;
  tier: number;
  runtime: string;
  model: string | null;
  external: boolean;
  kind: WorkspaceKind;
  status: WorkspaceStatus;
  url: string | null;
  deliveryMode: DeliveryMode | null;
  parentId: string | null;
  agentCard: JsonObject | null;
  secrets: Record<string, string>;
  plugins: string[];
  workspaceAccess: string;
  maxConcurrentTasks: number;
  activeTasks: number;
  lastErrorRate: number | null;
  lastSampleError: string | null;
  uptimeSeconds: number | null;
  currentTask: string | null;
  monthlySpend: number;
  runtimeState: string;
  runtimeMetadata: RuntimeMetadata | null;
  mcpServerPresent: boolean | null;
  loadedMcpTools: string[] | null;
  compute: JsonObject | null;
  x: number;
  y: number;
  desiredGeneration: number;
  /** Epoch ms timestamps. */
  lastHeartbeatAt: number | null;
  lastRegisterFailureAt: number | null;
  provisioningSince: number | null;
  /**
   * Set while a provision the mock platform started is under way or awaits its runtime: the token
   * sequence number it began at. Only a beat or register authenticated with a token minted after it
   * (the provision's own instance token) lifts `provisioning`, so no container of an earlier provision
   * can make the row read online (the race of contract 14's last entry, ruled out by checklist 15).
   */
  provisionGate: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A fresh record with the platform's defaults; `fields` override them. */
export function newWorkspaceRecord(fields: Pick<WorkspaceRecord, "id" | "name"> & Partial<WorkspaceRecord>) {
  const now = Date.now();
  const record: WorkspaceRecord = {
    role: null,
    tier: 2,
    runtime: "langgraph",
    model: null,
    external: false,
    kind: "workspace",
    provisionGate: null,
    status: "provisioning",
    url: null,
    deliveryMode: null,
    parentId: null,
    agentCard: null,
    secrets: {},
    plugins: [],
    workspaceAccess: "none",
    maxConcurrentTasks: 1,
    activeTasks: 0,
    lastErrorRate: null,
    lastSampleError: null,
    uptimeSeconds: null,
    currentTask: null,
    monthlySpend: 0,
    runtimeState: "",
    runtimeMetadata: null,
    mcpServerPresent: null,
    loadedMcpTools: null,
    compute: null,
    x: 0,
    y: 0,
    desiredGeneration: 0,
    lastHeartbeatAt: null,
    lastRegisterFailureAt: null,
    provisioningSince: now,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  return record;
}

/** The runtimes upstream treats as operator-driven, with no container (runtime_registry.go). */
export const EXTERNAL_LIKE_RUNTIMES: ReadonlySet<string> = new Set(["external", "kimi", "kimi-cli"]);

/** Whether the row behaves as an external runtime (no container; poll-ish; awaiting_agent when silent). */
export function isExternal(record: WorkspaceRecord): boolean {
  return record.external || EXTERNAL_LIKE_RUNTIMES.has(record.runtime);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The columns both `GET /workspaces` and `GET /workspaces/:id` scan (workspace.go
 * `scanWorkspaceRow`), with the handler's defaults: an empty URL or sample error is `""`, an empty
 * role or a missing card `null`, the runtime `claude-code` when unset, `compute` `{}` and
 * `loaded_mcp_tools` `[]` when unset.
 */
function scannedRow(record: WorkspaceRecord) {
  return {
    id: record.id,
    name: record.name,
    tier: record.tier,
    status: record.status,
    url: record.url ?? "",
    parent_id: record.parentId,
    kind: record.kind,
    active_tasks: record.activeTasks,
    max_concurrent_tasks: record.maxConcurrentTasks,
    last_error_rate: record.lastErrorRate ?? 0,
    last_sample_error: record.lastSampleError ?? "",
    uptime_seconds: record.uptimeSeconds ?? 0,
    runtime: record.runtime || "claude-code",
    x: record.x,
    y: record.y,
    collapsed: false,
    broadcast_enabled: false,
    talk_to_user_enabled: true,
    compute: record.compute ?? {},
    role: record.role || null,
    agent_card: record.agentCard,
    loaded_mcp_tools: record.loadedMcpTools ?? [],
    mcp_surface: null,
  };
}

/** A row of `GET /workspaces`: the scanned columns, the fields `Get` strips included. */
export function toListedRow(record: WorkspaceRecord): WorkspaceRow {
  return {
    ...scannedRow(record),
    current_task: record.currentTask ?? "",
    workspace_dir: null,
    monthly_spend: record.monthlySpend,
    budget_limit: null,
  };
}

/**
 * The row as `GET /workspaces/:id` returns it (workspace.go `Get`; contract 9): never
 * `current_task`, `budget_limit`, `monthly_spend` or `workspace_dir`; plus the liveness fields.
 * `wedged` needs an outbound timestamp the mock platform does not track, so it is false.
 */
export function toWorkspaceRow(record: WorkspaceRecord): WorkspaceRow {
  return {
    ...scannedRow(record),
    last_outbound_at: null,
    last_heartbeat_at: iso(record.lastHeartbeatAt),
    wedged: false,
  };
}
