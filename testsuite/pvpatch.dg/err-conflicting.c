/* Redeclaring an op with another class is an error; repeating the same
   class is fine. */
/* { dg-do compile } */
void a(void) __attribute__((paravirt("callee_save")));
void a(void) __attribute__((paravirt("callee_save")));
void a(void) __attribute__((paravirt("abi"))); /* { dg-error "conflicting 'paravirt' attributes on 'a'" } */
void b(void) __attribute__((paravirt("abi", 5), paravirt("abi", 9))); /* { dg-error "conflicting 'paravirt' attributes on 'b'" } */
