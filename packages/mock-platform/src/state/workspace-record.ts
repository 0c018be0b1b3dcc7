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

/** The row as `GET /workspaces/:id` returns it (contract 9). */
export function toWorkspaceRow(record: WorkspaceRecord): WorkspaceRow {
  return {
    id: record.id,
    name: record.name,
    role: record.role,
    tier: record.tier,
    status: record.status,
    url: record.url,
    parent_id: record.parentId,
    active_tasks: record.activeTasks,
    max_concurrent_tasks: record.maxConcurrentTasks,
    last_error_rate: record.lastErrorRate,
    last_sample_error: record.lastSampleError,
    uptime_seconds: record.uptimeSeconds,
    current_task: record.currentTask,
    runtime: record.runtime,
    agent_card: record.agentCard,
    x: record.x,
    y: record.y,
    collapsed: false,
    last_outbound_at: null,
    last_heartbeat_at: iso(record.lastHeartbeatAt),
    wedged: record.runtimeState === "wedged",
    kind: record.kind,
    delivery_mode: record.deliveryMode ?? "push",
    compute: record.compute,
    loaded_mcp_tools: record.loadedMcpTools,
    provision_timeout_ms: null,
  };
}
