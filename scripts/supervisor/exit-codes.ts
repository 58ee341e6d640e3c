/** The hub's exit code that tells the supervisor not to restart it: the configuration is wrong, a restart would fail the same way (sysexits EX_CONFIG). */
export const CONFIG_EXIT_CODE = 78;
