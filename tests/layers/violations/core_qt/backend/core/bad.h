// deliberate violation for the layer test
#include <QString>
