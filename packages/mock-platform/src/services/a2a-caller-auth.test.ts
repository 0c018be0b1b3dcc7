import { describe, expect, it } from "vitest";
import { PlatformEvents } from "../context/platform-events.js";
import { newWorkspaceRecord } from "../state/workspace-record.js";
import { WorkspaceStore } from "../state/workspace-store.js";
import { canCommunicate } from "./a2a-caller-auth.js";

/** A store holding `[id, parentId]` rows. */
function tree(rows: Array<[string, string | null]>): WorkspaceStore {
  const store = new WorkspaceStore(new PlatformEvents());
  for (const [id, parentId] of rows) store.insert(newWorkspaceRecord({ id, name: id, parentId }));
  return store;
}

// The cases of registry/access_test.go, restated over the mock platform's store.
describe("canCommunicate", () => {
  const org = tree([
    ["pm", null],
    ["dev-lead", "pm"],
    ["backend", "dev-lead"],
    ["security", "dev-lead"],
    ["l3", "backend"],
    ["leaf", "l3"],
    ["other-root", null],
    ["mid", "other-root"],
    ["child", "mid"],
    ["p1", null],
    ["p2", null],
    ["a", "p1"],
    ["b", "p2"],
  ]);

  it.each([
    ["the same workspace (TestCanCommunicate_SameWorkspace)", "pm", "pm"],
    ["siblings under one parent (TestCanCommunicate_Siblings)", "backend", "security"],
    ["a parent to its child (TestCanCommunicate_ParentToChild)", "dev-lead", "backend"],
    ["a child to its parent (TestCanCommunicate_ChildToParent)", "backend", "dev-lead"],
    ["a grandparent to a grandchild (TestCanCommunicate_Allowed_GrandparentToGrandchild)", "pm", "backend"],
    ["a grandchild to a grandparent (TestCanCommunicate_Allowed_GrandchildToGrandparent)", "security", "pm"],
    ["a leaf to a root four levels up (TestCanCommunicate_Allowed_DeepAncestor)", "leaf", "pm"],
    ["a root to a leaf four levels down", "pm", "leaf"],
  ])("allows %s", (_name, caller, target) => {
    expect(canCommunicate(org, caller, target)).toBe(true);
  });

  it.each([
    ["two org roots (TestCanCommunicate_Denied_RootSiblings)", "pm", "other-root"],
    ["different parents (TestCanCommunicate_Denied_DifferentParents)", "a", "b"],
    ["a cousin to an unrelated root (TestCanCommunicate_Denied_CousinToRoot)", "child", "pm"],
    ["leaves of unrelated subtrees (TestCanCommunicate_Denied_UnrelatedAncestors)", "leaf", "other-root"],
    ["an unknown caller (TestCanCommunicate_Denied_CallerNotFound)", "missing", "pm"],
    ["an unknown target (TestCanCommunicate_Denied_TargetNotFound)", "pm", "missing"],
  ])("denies %s", (_name, caller, target) => {
    expect(canCommunicate(org, caller, target)).toBe(false);
  });

  it("stops walking a corrupt parent cycle after 32 steps and denies", () => {
    const cycle = tree([
      ["x", "y"],
      ["y", "x"],
      ["z", null],
    ]);
    expect(canCommunicate(cycle, "z", "x")).toBe(false);
  });
});
