grammar Lua;
chunk : EOF ;
NAME : [a-z]+ ;
WS : [ \t\r\n]+ -> skip ;
