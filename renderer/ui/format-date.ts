const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatClock = (iso: string): string => timeOnly.format(new Date(iso));
