// deliberate violation for the layer test
#include <QtWidgets/QLabel>
