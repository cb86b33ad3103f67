// deliberate violation for the layer test
#include <QUdpSocket>
