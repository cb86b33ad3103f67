// deliberate violation for the layer test
#include <sys/socket.h>
