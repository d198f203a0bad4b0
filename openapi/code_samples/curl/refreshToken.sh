# $WWT_TOKEN holds the current, unexpired JWT.
# The answer is {"bearer": "<new JWT>"}.
curl -X POST https://one-api.wwt.world/api/auth/refresh \
  -H "Authorization: Bearer $WWT_TOKEN"
