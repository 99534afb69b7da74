// One word for each tier, everywhere on the site (issue #15): the backend's tier ids → what a person reads.
export const TIER_LABELS = Object.freeze({ anonymous: 'visitor', registered: 'member', donor: 'supporter', admin: 'admin' });
/** The word for a tier id; an unknown id is shown as it is. */
export function tierLabel(tier) { return TIER_LABELS[tier] ?? String(tier ?? ''); }
