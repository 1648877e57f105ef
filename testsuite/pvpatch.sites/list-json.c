/* list --json gives the same fields as one JSON object. */
/* { sites-run {list --json} 0 {^\{"file": "[^"]*list-json\.o", "sites": \[\n    \{"address": "\.text\+0x[0-9a-f]+", "size": 8, "op": "forty_two", "flags": \["direct"\], "clobbers": \["rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "vec", "x87"\], "bytes": "e8000000000f1f00"\}\n  \], "count": 1, "ops": 1, "table_bytes": 8, "descriptor_bytes": 12\}$} } */
#include "site.h"
