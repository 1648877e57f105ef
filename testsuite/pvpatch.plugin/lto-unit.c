/* Compiled by plugin.exp: one site, for the LTO and version checks. */
#include <pvpatch.h>
long op(long) __paravirt;
long op(long x) { return x + 1; }
int main(int argc, char **argv) { (void)argv; return op(argc) != 2; }
