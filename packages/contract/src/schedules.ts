import { z } from "zod";

/**
 * One entry of a runtime's `GET /internal/schedules` answer (contract 7.9, 10.5): what the platform's
 * `GET /workspaces/:id/schedules` proxies. Entries without a name are never sent.
 */
export const ScheduleEntry = z
  .object({
    name: z.string().min(1).describe("The schedule's name."),
    cron: z.string().describe("The cron expression."),
    timezone: z.string().describe("The timezone the expression is read in."),
    prompt: z.string().describe("The prompt sent when it fires."),
    enabled: z.boolean().describe("Whether it fires."),
    source: z.string().describe("Where the entry comes from (e.g. config.yaml)."),
  })
  .describe("One schedule of the runtime.");
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** A runtime's `GET /internal/schedules` answer: `{schedules: [...]}`, read fresh from config.yaml. */
export const SchedulesResponse = z
  .object({ schedules: z.array(ScheduleEntry).describe("The runtime's schedules.") })
  .describe("A runtime's GET /internal/schedules answer.");
export type SchedulesResponse = z.infer<typeof SchedulesResponse>;
