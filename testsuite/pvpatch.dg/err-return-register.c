/* The return register of a non-void op must be in its clobber set. */
/* { dg-do compile } */
long op(long) __attribute__((paravirt("rdx"))); /* { dg-error "return register 'rax' of 'op' is missing" } */
struct pair { long a, b; };
struct pair two(void) __attribute__((paravirt("rax"))); /* { dg-error "return register 'rdx' of 'two' is missing" } */
double d(void) __attribute__((paravirt("rax"))); /* { dg-error "return register 'vec' of 'd' is missing" } */
