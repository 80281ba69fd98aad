// Public header; see include/runnel/value.h.
#pragma once
#include "runnel/value.h"
