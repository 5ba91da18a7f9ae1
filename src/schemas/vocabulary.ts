/**
 * Closed lists that content may use. Their labels are UI strings (`category.<key>`,
 * `position.<key>`…), so each language words them its own way.
 */

/** What kind of news a release is; shown as a label and used for category pages. */
export const categories = ['announcement', 'partnership', 'international', 'event', 'policy', 'research'] as const;

/** Where a person stands in a photo, as captions conventionally say it. */
export const framePositions = [
  'far-left',
  'second-from-left',
  'left',
  'centre-left',
  'centre',
  'centre-right',
  'right',
  'second-from-right',
  'far-right',
] as const;

/** Lifecycle of a memorandum of understanding. */
export const mouStatuses = ['signed', 'in-force', 'expired', 'terminated'] as const;

/** schema.org EventStatusType values, without the URL prefix. */
export const eventStatuses = ['EventScheduled', 'EventCancelled', 'EventPostponed', 'EventRescheduled', 'EventMovedOnline'] as const;

/** schema.org EventAttendanceModeEnumeration values, without the URL prefix. */
export const attendanceModes = ['OfflineEventAttendanceMode', 'OnlineEventAttendanceMode', 'MixedEventAttendanceMode'] as const;
