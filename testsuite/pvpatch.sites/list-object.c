/* A relocatable object's sites are listed by section and offset, with the
   op named through the relocations of its descriptor. */
/* { sites-run list 0 {^site \.text\+0x[0-9a-f]+ size 8 op forty_two flags direct clobbers rax,rcx,rdx,rsi,rdi,r8,r9,r10,r11,vec,x87 bytes e8 00 00 00 00 0f 1f 00\n1 sites, 1 ops, 8 table bytes \(8\.0 per site\), 12 descriptor bytes$} } */
#include "site.h"
