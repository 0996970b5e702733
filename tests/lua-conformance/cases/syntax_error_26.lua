f{
