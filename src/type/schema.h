// Public header; see include/runnel/schema.h.
#pragma once
#include "runnel/schema.h"
