// Display of forum times. Stored times are ISO 8601 at +08:00 (Beijing time, FORMAT.md Q4);
// they are shown in that zone whatever the machine's zone is.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

function beijing(iso: string) {
  return dayjs(iso).utcOffset(480);
}

/** "2025年11月12日 15:41" */
export function zhDateTime(iso: string): string {
  return beijing(iso).format('YYYY年M月D日 HH:mm');
}

/** "2025年11月12日" */
export function zhDate(iso: string): string {
  return beijing(iso).format('YYYY年M月D日');
}

/** "2025年11月12日 周三 15:41", for title attributes. */
export function zhLong(iso: string): string {
  const d = beijing(iso);
  return `${d.format('YYYY年M月D日')} 周${WEEK[d.day()]} ${d.format('HH:mm')}`;
}

/** Milliseconds since the epoch, for sorting; NaN-safe (null → 0). */
export function ms(iso: string | null): number {
  return iso ? Date.parse(iso) : 0;
}
