/* No call may clobber the stack or frame pointer. */
/* { dg-do compile } */
void a(void) __attribute__((paravirt("rsp"))); /* { dg-error "register 'rsp' cannot be clobbered" } */
void b(void) __attribute__((paravirt("rax, rbp"))); /* { dg-error "register 'rbp' cannot be clobbered" } */
