grammar Lua;
// Placeholder until the real grammar lands.
chunk : EOF ;
WS : [ \t\r\n]+ -> skip ;
