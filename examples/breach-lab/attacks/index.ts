import { adminStepUp } from './admin-stepup';
import { duolingoScrape } from './duolingo-scrape';
import { hondaReset } from './honda-reset';
import type { Attack } from './lib/attack-result';
import { optusWalk } from './optus-walk';
import { shadowApis } from './shadow-apis';
import { twitterLookup } from './twitter-lookup';

export type { Attack, AttackResult, AttackTarget, ScenarioResult, SeriesPoint } from './lib/attack-result';

/** Every incident, in the order the demo replays them (the threat model's order, roughly). */
export function allAttacks(): Attack[] {
  return [twitterLookup(), optusWalk(), adminStepUp(), duolingoScrape(), hondaReset(), shadowApis()];
}

export { adminStepUp, duolingoScrape, hondaReset, optusWalk, shadowApis, twitterLookup };
