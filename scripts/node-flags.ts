/**
 * V8 flags of the hub's processes. A case view allocates a few megabytes that die young; with
 * V8's default young generation the hub scavenged every few views. 32 MB semi-spaces cut the
 * hub's CPU per view by about a tenth at 50 connections (bench/REPORT.md, notes), for up to
 * about 64 MB more memory per process. The production image sets the same in NODE_OPTIONS.
 */
export const HUB_NODE_FLAGS = ['--max-semi-space-size=32'];
