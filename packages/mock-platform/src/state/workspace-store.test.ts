import { describe, expect, it } from "vitest";
import { PlatformEvents } from "../context/platform-events.js";
import { MockPlatformError } from "../mock-platform-error.js";
import { PlatformState } from "./platform-state.js";
import { newWorkspaceRecord } from "./workspace-record.js";
import { WorkspaceStore } from "./workspace-store.js";

describe("WorkspaceStore bound", () => {
  const row = (id: string) => newWorkspaceRecord({ id, name: id });

  it("forgets the oldest removed row to make room, telling its owner", () => {
    const forgotten: string[] = [];
    const store = new WorkspaceStore(new PlatformEvents(), (id) => forgotten.push(id), 3);
    for (const id of ["a", "b", "c"]) store.insert(row(id));
    store.setStatus(store.get("c")!, "removed", "deleted");
    store.setStatus(store.get("b")!, "removed", "deleted");
    expect(store.makeRoom()).toBe(true);
    store.insert(row("d"));
    expect(forgotten).toEqual(["b"]);
    expect(store.all().map((r) => r.id)).toEqual(["a", "c", "d"]);
  });

  it("refuses a row when every kept row is live, with a message saying how to make room", () => {
    const store = new WorkspaceStore(new PlatformEvents(), () => {}, 2);
    store.insert(row("a"));
    store.insert(row("b"));
    expect(store.makeRoom()).toBe(false);
    expect(() => store.insert(row("c"))).toThrow(MockPlatformError);
    expect(() => store.insert(row("c"))).toThrow(/2 workspaces exist: delete some/);
    expect(store.all()).toHaveLength(2);
  });

  it("replaces an existing row even when full", () => {
    const store = new WorkspaceStore(new PlatformEvents(), () => {}, 1);
    store.insert(row("a"));
    expect(store.insert(row("a")).id).toBe("a");
  });

  it("tells its owner of a purged row, so its tokens go with it", () => {
    const forgotten: string[] = [];
    const store = new WorkspaceStore(new PlatformEvents(), (id) => forgotten.push(id));
    store.insert(row("a"));
    store.purge("a");
    store.purge("never-there");
    expect(forgotten).toEqual(["a"]);
  });

  it("takes a purged row's token records and inbound secret with it in the platform state", () => {
    const state = new PlatformState(new PlatformEvents());
    state.workspaces.insert(row("a"));
    state.tokens.mint("a", "instance");
    state.rotateInboundSecret("a");
    state.workspaces.purge("a");
    expect(state.tokens.all()).toEqual([]);
    expect(state.inboundSecrets.has("a")).toBe(false);
  });
});
