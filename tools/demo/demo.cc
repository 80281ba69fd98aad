#include <cstdio>
int main() { std::puts("runnel demo: under construction"); return 0; }
