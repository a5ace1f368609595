// App settings: key/value (JSON). A setting the user chose syncs; one about this
// device (window size, data folder) stays local.
import { z } from 'zod';

export const SettingKey = z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,99}$/, 'must be a short dotted name such as ui.theme');

export const Setting = z.object({
  key: SettingKey,
  value: z.json(),
  synced: z.boolean(),
  updatedAt: z.number().int(),
});
export type Setting = z.infer<typeof Setting>;
