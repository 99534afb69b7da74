// Pages with no API work of their own (404): the footer indicator only.
import { wakeBackend } from './site.js';

wakeBackend();
