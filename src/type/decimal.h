// Public header; see include/runnel/decimal.h.
#pragma once
#include "runnel/decimal.h"
