// deliberate violation for the layer test
#include "ui/mainwindow.h"
