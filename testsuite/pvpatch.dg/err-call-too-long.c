/* A call longer than its site is an assembler error naming the site's
   source line. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fno-pic" } */
struct ops { void (*f)(void) __attribute__((paravirt("abi", 5))); };
extern struct ops ops;
void g(void) { ops.f(); } /* { dg-error "pvpatch: call does not fit its 5-byte paravirt site" } */
