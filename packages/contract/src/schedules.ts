import { z } from "zod";

/**
 * One entry of a runtime's `GET /internal/schedules` answer (contract 7.9, 10.5): what the platform's
 * `GET /workspaces/:id/schedules` proxies. Entries without a name are never sent.
 */
export const ScheduleEntry = z.object({
  name: z.string().min(1),
  cron: z.string(),
  timezone: z.string(),
  prompt: z.string(),
  enabled: z.boolean(),
  source: z.string(),
});
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** A runtime's `GET /internal/schedules` answer: `{schedules: [...]}`, read fresh from config.yaml. */
export const SchedulesResponse = z.object({ schedules: z.array(ScheduleEntry) });
export type SchedulesResponse = z.infer<typeof SchedulesResponse>;
