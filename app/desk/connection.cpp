#include "desk/connection.h"

namespace gastvrij::desk {

void ConnectionModel::set(Connection c) {
    if (c == Connection::Offline && state_ != Connection::Offline) offline_since_ = clock_.wall();
    if (c == Connection::Online) {
        ever_online_ = true;
        offline_since_ = 0;
        clock_.service_restarted();
    }
    state_ = c;
}

}  // namespace gastvrij::desk
