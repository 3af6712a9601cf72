#include "desk/desk_model.h"

namespace gastvrij::desk {

DeskModel::DeskModel(std::function<double()> wall)
    : clock_(std::move(wall)),
      connection_(clock_),
      message_(clock_),
      board_(clock_),
      callbacks_(clock_),
      dead_letters_(clock_),
      pairing_(clock_, directory_) {}

int DeskModel::ms_until_change() const {
    NextChange next;
    board_.until_change(next);
    callbacks_.until_change(next);
    pairing_.until_change(next);
    message_.until_change(next);
    return next.ms();
}

}  // namespace gastvrij::desk
