#include "runnel/row.h"

namespace runnel {

std::string Row::ToString() const {
  std::string out = "[";
  for (size_t i = 0; i < values_.size(); ++i) {
    if (i) out += ",";
    out += values_[i].ToString();
  }
  return out + "]";
}

}  // namespace runnel
