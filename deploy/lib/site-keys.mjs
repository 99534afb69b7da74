// What the static site's build reads into config.js (frontend/scripts/config.mjs): the backend
// addresses and client timings, and the Firebase web settings of sign-in. The Auth emulator's
// address is for local runs only: `check` refuses it for a deployed site and `sync` never sends it.
import { ENV_KEYS, FIREBASE_ENV_KEYS } from '../../frontend/scripts/config.mjs';

export const SITE_KEYS = Object.freeze({ ...ENV_KEYS, ...FIREBASE_ENV_KEYS });

/** Site settings that must never reach a deployed site. */
export const LOCAL_ONLY_SITE_KEYS = Object.freeze(new Set(['AIART_FIREBASE_AUTH_EMULATOR_URL']));

/** The Firebase web settings a deployed site needs for sign-in (all three, or none). */
export const FIREBASE_SITE_KEYS = Object.freeze(['AIART_FIREBASE_API_KEY', 'AIART_FIREBASE_AUTH_DOMAIN', 'AIART_FIREBASE_PROJECT_ID']);
