/* A site smaller than a call, or larger than the table can say, is an
   error; so is a size that is not an integer constant. */
/* { dg-do compile } */
void a(void) __attribute__((paravirt("abi", 4))); /* { dg-error "site size 4 of 'paravirt' is smaller than a call" } */
void b(void) __attribute__((paravirt("abi", 256))); /* { dg-error "larger than 255 bytes" } */
void c(void) __attribute__((paravirt("abi", "8"))); /* { dg-error "second argument of 'paravirt' must be an integer constant" } */
void d(void) __attribute__((paravirt("abi", 4 + 4)));
void e(void) __attribute__((paravirt("abi", 1ULL << 40))); /* { dg-error "site size 1099511627776 of 'paravirt' is larger than 255 bytes" } */
