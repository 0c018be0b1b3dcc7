import type { RequestHandler } from "msw";
import type { PlatformContext } from "./context/platform-context.js";
import { PlatformEvents } from "./context/platform-events.js";
import { PlatformLog } from "./context/platform-log.js";
import { TimerSet } from "./context/timer-set.js";
import { EventStreamHub } from "./control/event-stream-hub.js";
import { FaultInjector } from "./control/fault-injector.js";
import { type JournalView, RequestJournal } from "./control/request-journal.js";
import { TestControls } from "./control/test-controls.js";
import { a2aProxyHandlers } from "./handlers/a2a-proxy.js";
import { adminHandlers } from "./handlers/admin.js";
import { healthHandlers } from "./handlers/health.js";
import { mockApiHandlers } from "./handlers/mock-api.js";
import { registryHandlers } from "./handlers/registry.js";
import { tokenHandlers } from "./handlers/tokens.js";
import { workspaceHandlers } from "./handlers/workspaces.js";
import { RequestGuardHandler } from "./http/request-guard.js";
import type { RouteKit } from "./http/route.js";
import { RouteTable } from "./http/route-table.js";
import { type MockPlatformOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { A2AProxyService } from "./services/a2a-proxy-service.js";
import { A2AQueueDrainer } from "./services/a2a-queue-drainer.js";
import { DiscoveryService } from "./services/discovery-service.js";
import { HeartbeatService } from "./services/heartbeat-service.js";
import { LifecycleService } from "./services/lifecycle-service.js";
import { PauseService } from "./services/pause-service.js";
import { RegisterService } from "./services/register-service.js";
import { Sweeps } from "./services/sweeps.js";
import { TokenApiService } from "./services/token-api-service.js";
import { WorkspaceCrudService } from "./services/workspace-crud-service.js";
import { WorkspaceOpsService } from "./services/workspace-ops-service.js";
import { LivenessKeys } from "./state/liveness-keys.js";
import { PlatformState } from "./state/platform-state.js";

/** A running mock platform: msw handlers over one in-memory platform, with its state, events and test controls. */
export interface MockPlatform {
  /** The msw handlers, for `setupServer(...platform.handlers)` or `getResponse`. */
  readonly handlers: RequestHandler[];
  readonly baseUrl: string;
  /** Every route by method and pattern, with its body cap (the HTTP adapter's request guard reads it). */
  readonly routes: RouteTable;
  readonly options: ResolvedOptions;
  readonly state: PlatformState;
  readonly events: PlatformEvents;
  /** The request journal: `platform.journal.find({ method, path, workspaceId })`, oldest first. */
  readonly journal: JournalView;
  readonly control: TestControls;
  /** Stops timers and event streams and waits for background work; the provisioner stays open. */
  close(): Promise<void>;
}

/** Each handler list createMockPlatform built, with its length (a list grown since is no longer its own). */
const ownHandlers = new WeakMap<ReadonlyArray<RequestHandler>, number>();

/**
 * Whether `platform.handlers` is the list createMockPlatform built for it, unchanged: then its route
 * table answers exactly as its handlers do, and the HTTP server can skip msw.
 */
export function servesOwnHandlers(platform: MockPlatform): boolean {
  return ownHandlers.get(platform.handlers) === platform.handlers.length;
}

/** Creates the mock platform: state, services, sweeps and the msw handlers grouped by contract. */
export function createMockPlatform(options: MockPlatformOptions = {}): MockPlatform {
  const resolved = resolveOptions(options);
  const events = new PlatformEvents();
  const timers = new TimerSet();
  const ctx: PlatformContext = {
    options: resolved,
    state: new PlatformState(events),
    events,
    log: new PlatformLog(resolved.log),
    timers,
  };
  let lifecycle: LifecycleService | undefined;
  const liveness = new LivenessKeys(timers, resolved.livenessTtlMs, (id) => {
    if (resolved.mutant !== "liveness-never-expires") lifecycle?.markOffline(id, "liveness_expired");
  });
  lifecycle = new LifecycleService(ctx, liveness);
  const drainer = new A2AQueueDrainer(ctx);
  const sweeps = new Sweeps(ctx, lifecycle);
  const crud = new WorkspaceCrudService(ctx, lifecycle);
  const ops = new WorkspaceOpsService(ctx, lifecycle);
  const tokens = new TokenApiService(ctx);
  const kit: RouteKit = {
    baseUrl: resolved.baseUrl,
    journal: new RequestJournal(resolved.journalLimit, resolved.journalBodyBytes, resolved.journalChars),
    faults: new FaultInjector(),
    routes: new RouteTable(),
  };
  const streams = new EventStreamHub(events);
  const control = new TestControls({
    ctx,
    lifecycle,
    liveness,
    sweeps,
    drainer,
    journal: kit.journal,
    faults: kit.faults,
  });
  const routeHandlers: RequestHandler[] = [
    ...healthHandlers(kit),
    ...registryHandlers(kit, {
      register: new RegisterService(ctx, liveness),
      heartbeat: new HeartbeatService(ctx, liveness, (id) => drainer.drain(id)),
      discovery: new DiscoveryService(ctx),
    }),
    ...a2aProxyHandlers(kit, new A2AProxyService(ctx, lifecycle), resolved.maxA2ABodyBytes),
    ...workspaceHandlers(kit, { ctx, crud, ops, pause: new PauseService(ctx, lifecycle) }),
    ...adminHandlers(kit, { ctx, tokens }),
    ...tokenHandlers(kit, { ctx, tokens }),
    ...mockApiHandlers(kit, { ctx, control, streams }),
  ];
  const handlers = [new RequestGuardHandler(kit.routes, resolved.baseUrl), ...routeHandlers];
  ownHandlers.set(handlers, handlers.length);
  sweeps.start();
  let closed: Promise<void> | undefined;
  return {
    handlers,
    baseUrl: resolved.baseUrl,
    routes: kit.routes,
    options: resolved,
    state: ctx.state,
    events,
    journal: { find: (filter) => kit.journal.find(filter) },
    control,
    close: () => {
      closed ??= (async () => {
        streams.closeAll();
        timers.clear();
        await control.idle();
        timers.clear();
      })();
      return closed;
    },
  };
}
