// Resolution every vitest project (and the root, which loads global setups) shares: workspace
// packages resolve to their TypeScript sources through the "source" export condition, ahead of
// vite's default conditions (kept, so packages such as msw still get their "node" entries).
// Vitest 4 loads global setup files in its own `__vitest__` environment, which needs them too.
const serverConditions = ["source", "module", "node", "development|production"];

export const sourceResolution = {
  resolve: { conditions: ["source", "module", "browser", "development|production"] },
  ssr: { resolve: { conditions: serverConditions } },
  environments: { __vitest__: { resolve: { conditions: serverConditions } } },
};
