// Public header; see include/runnel/data_type.h.
#pragma once
#include "runnel/data_type.h"
