// A stand-in engine that answers with the statement's own text, so the runner binary can be
// tested end to end without a SQL engine. Not a SQL engine; never used for real golden files.
//
//   ERROR <message>      fails with an analysis error carrying <message>
//   a | 1 | NULL         anything else: one row per line, cells separated by '|' and trimmed;
//   b | 2 | ''           NULL is a null cell, '' an empty string; a column whose cells are all
//                        integers is BIGINT, all numbers DOUBLE, otherwise STRING.
// Blank SQL yields no columns and no rows.
#pragma once

#include <memory>

#include "slt/engine.h"

namespace runnel::slt {

std::unique_ptr<SltEngine> MakeEchoEngine();

}  // namespace runnel::slt
