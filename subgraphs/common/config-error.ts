/** A configuration a service cannot start with; the message names every offending variable. */
export class ConfigError extends Error {}
