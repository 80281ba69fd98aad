// Public header (the error model is part of the API); see include/runnel/status.h.
#pragma once
#include "runnel/status.h"
