/* The clobber set must be given as a string. */
/* { dg-do compile } */
void a(void) __attribute__((paravirt(8))); /* { dg-error "first argument of 'paravirt' must be a string" } */
void b(void) __attribute__((paravirt("abi", 8, 1))); /* { dg-error "wrong number of arguments" } */
