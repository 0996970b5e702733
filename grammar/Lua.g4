/*
 * Lua 5.1 syntax (Lua 5.1 reference manual, section 8), written for Kraken.
 *
 * The parse tree is turned into bytecode by src/LuaVm/Compiler. A few checks that lua5.1 makes
 * while parsing are made there instead, with lua5.1's messages: the "ambiguous syntax" rule for
 * a call whose '(' starts a new line, assignments to non-variables, 'break' outside a loop,
 * '...' outside a vararg function, and the nesting and register limits. A new rule also goes to
 * SyntaxChecker, which reports lua5.1's first error when this grammar's fast (SLL) parse fails:
 * docs/extending.md, "Adding syntax".
 *
 * Long strings and long comments ([==[ ... ]==]) need the bracket level to match, which a
 * regular lexer rule cannot count: the lexer actions below read them
 * (src/LuaVm/Compiler/LuaLexer.LongBrackets.cs).
 */
grammar Lua;

chunk : block EOF ;

block : (stat ';'?)* (laststat ';'?)? ;

stat
    : varlist '=' explist                                                   # assignStat
    | suffixedexp                                                           # exprStat
    | 'do' block 'end'                                                      # doStat
    | 'while' exp 'do' block 'end'                                          # whileStat
    | 'repeat' block 'until' exp                                            # repeatStat
    | 'if' exp 'then' block elseifpart* elsepart? 'end'                     # ifStat
    | 'for' NAME '=' exp ',' exp (',' exp)? 'do' block 'end'                # numericForStat
    | 'for' namelist 'in' explist 'do' block 'end'                          # genericForStat
    | 'function' funcname funcbody                                          # functionStat
    | 'local' 'function' NAME funcbody                                      # localFunctionStat
    | 'local' namelist ('=' explist)?                                       # localStat
    ;

elseifpart : 'elseif' exp 'then' block ;
elsepart : 'else' block ;

laststat
    : 'return' explist?                                                     # returnStat
    | 'break'                                                               # breakStat
    ;

funcname : NAME ('.' NAME)* (':' NAME)? ;

varlist : suffixedexp (',' suffixedexp)* ;

namelist : NAME (',' NAME)* ;

explist : exp (',' exp)* ;

exp
    : 'nil'                                                                 # nilExp
    | 'false'                                                               # falseExp
    | 'true'                                                                # trueExp
    | NUMBER                                                                # numberExp
    | str                                                                # stringExp
    | '...'                                                                 # varargExp
    | 'function' funcbody                                                   # functionExp
    | suffixedexp                                                           # prefixExp
    | tableconstructor                                                      # tableExp
    | <assoc=right> exp op='^' exp                                          # powExp
    | op=('not' | '#' | '-') exp                                            # unaryExp
    | exp op=('*' | '/' | '%') exp                                          # mulExp
    | exp op=('+' | '-') exp                                                # addExp
    | <assoc=right> exp op='..' exp                                         # concatExp
    | exp op=('<' | '>' | '<=' | '>=' | '~=' | '==') exp                    # compareExp
    | exp op='and' exp                                                      # andExp
    | exp op='or' exp                                                       # orExp
    ;

// A name or a parenthesised expression, followed by fields, indexes, method calls and calls.
suffixedexp : primaryexp suffix* ;

primaryexp
    : NAME                                                                  # namePrimary
    | '(' exp ')'                                                           # parenPrimary
    ;

suffix
    : '.' NAME                                                              # fieldSuffix
    | '[' exp ']'                                                           # indexSuffix
    | ':' NAME args                                                         # methodSuffix
    | args                                                                  # callSuffix
    ;

args
    : '(' explist? ')'                                                      # parenArgs
    | tableconstructor                                                      # tableArgs
    | str                                                                # stringArgs
    ;

funcbody : '(' parlist? ')' block 'end' ;

parlist : namelist (',' '...')? | '...' ;

tableconstructor : '{' fieldlist? '}' ;

fieldlist : field (fieldsep field)* fieldsep? ;

field
    : '[' exp ']' '=' exp                                                   # keyField
    | NAME '=' exp                                                          # nameField
    | exp                                                                   # positionalField
    ;

fieldsep : ',' | ';' ;

str : NORMALSTRING | CHARSTRING | LONGSTRING ;

// ---- lexer ----

NAME : [a-zA-Z_] [a-zA-Z_0-9]* ;

// Like lua5.1's read_numeral: digits and dots, an optional exponent sign, then any letters or
// digits; the compiler converts the text and reports "malformed number" when it is not one.
NUMBER : ([0-9] | '.' [0-9]) [0-9.]* ([eE] [+-]?)? [a-zA-Z0-9_]* ;

NORMALSTRING : '"' ( '\\' . | ~["\\\r\n] )* '"' ;
CHARSTRING : '\'' ( '\\' . | ~['\\\r\n] )* '\'' ;

// A string whose closing quote is missing: reported as "unfinished string".
UNFINISHED_STRING : '"' ( '\\' . | ~["\\\r\n] )* '\\'? | '\'' ( '\\' . | ~['\\\r\n] )* '\\'? ;

LONGSTRING : '[' '='* '[' { ReadLongBracket(isComment: false); } ;

// "[" followed by "=" but not by a second "[": lua5.1 reports "invalid long string delimiter".
INVALID_LONG_BRACKET : '[' '='+ { InvalidLongBracket(); } ;

COMMENT : '--' { ReadComment(); } -> skip ;

WS : [ \t\r\n\u000B\u000C]+ -> skip ;

// Any other character: reported by the compiler as "unexpected symbol".
UNEXPECTED_CHAR : . ;
