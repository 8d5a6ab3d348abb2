/** Nest injection tokens for values that are not classes. */
export const LAB_CONFIG = 'breach-lab:config';
export const LAB_KEYS = 'breach-lab:keys';
